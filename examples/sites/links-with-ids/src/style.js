const styles = {
  boxWidth: 'xl:max-w-[1280px] w-full',

  heading2: 'font-poppins font-semibold xs:text-[48px] text-[40px] text-white xs:leading-[76.8px] leading-[66.8px] w-full',
  paragraph: 'font-poppins font-normal text-dimWhite text-[18px] leading-[30.8px]',

  flexCenter: 'flex justify-center items-center',

  paddingX: 'sm:px-16 px-6',
  paddingY: 'sm:py-16 py-6',
};

export default styles;
